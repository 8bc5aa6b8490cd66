//! The workload's checksum over the held documents
//! (workloads/holding/workload.json, rule `jsonl_paths`).

use std::collections::BTreeMap;

use crate::Resource;

/// Counts, sums and UTF-8 byte lengths over every document; sums wrap.
pub fn checksum(docs: &[Resource]) -> BTreeMap<String, i64> {
    let mut s: BTreeMap<&'static str, i64> = BTreeMap::new();
    let mut add = |key: &'static str, n: i64| {
        let v = s.entry(key).or_insert(0);
        *v = v.wrapping_add(n);
    };
    let len = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let bytes = |it: &mut dyn Iterator<Item = &String>| it.map(|v| len(v.len())).sum::<i64>();
    add("docs", len(docs.len()));
    for key in KEYS {
        add(key, 0);
    }
    for d in docs {
        let m = &d.metadata;
        add("labels", len(m.labels.len()));
        add("annotations", len(m.annotations.len()));
        add("annotation_bytes", bytes(&mut m.annotations.values()));
        add("name_bytes", len(m.name.len()));
        add("namespace_bytes", len(m.namespace.len()));
        add("generation", m.generation);
        add("replicas", i64::from(d.spec.replicas));
        add("selector_labels", len(d.spec.selector.match_labels.len()));
        add(
            "template_labels",
            len(d.spec.template.metadata.labels.len()),
        );
        for c in &d.spec.template.spec.containers {
            add("containers", 1);
            add("container_name_bytes", len(c.name.len()));
            add("image_bytes", len(c.image.len()));
            add("args", len(c.args.len()));
            add("arg_bytes", bytes(&mut c.args.iter()));
            add("env", len(c.env.len()));
            add(
                "env_value_bytes",
                bytes(&mut c.env.iter().map(|e| &e.value)),
            );
            add("ports", len(c.ports.len()));
            for p in &c.ports {
                add("container_port_sum", i64::from(p.container_port));
            }
            add("limits", len(c.resources.limits.len()));
            add("requests", len(c.resources.requests.len()));
        }
        add("ready_replicas", i64::from(d.status.ready_replicas));
        add("conditions", len(d.status.conditions.len()));
        add(
            "condition_message_bytes",
            bytes(&mut d.status.conditions.iter().map(|c| &c.message)),
        );
    }
    s.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// Every checksum key but `docs`, so an empty input reports them all at 0.
const KEYS: [&str; 23] = [
    "labels",
    "annotations",
    "annotation_bytes",
    "name_bytes",
    "namespace_bytes",
    "generation",
    "replicas",
    "selector_labels",
    "template_labels",
    "containers",
    "container_name_bytes",
    "image_bytes",
    "args",
    "arg_bytes",
    "env",
    "env_value_bytes",
    "ports",
    "container_port_sum",
    "limits",
    "requests",
    "ready_replicas",
    "conditions",
    "condition_message_bytes",
];
