//! The typed documents, field for field the Go structs of
//! go_impls/internal/holding/types.go: `String`s, `i32`/`i64` numbers,
//! `Vec`s, and a hash map (`HashMap<String, String>`, like Go's
//! `map[string]string`) for label-like maps. (k8s-openapi, which kube-rs
//! operators use, has `BTreeMap` there; workloads/holding/README.md gives
//! what that costs.) Every field is required; unknown fields are skipped.

use std::collections::HashMap;

use serde::Deserialize;

/// A label-like map (labels, annotations, resource limits).
pub type StringMap = HashMap<String, String>;

/// One Deployment/StatefulSet/ReplicaSet-like object.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: Spec,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub labels: StringMap,
    pub annotations: StringMap,
    pub creation_timestamp: String,
    pub resource_version: String,
    pub generation: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Spec {
    pub replicas: i32,
    pub selector: LabelSelector,
    pub template: PodTemplateSpec,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelector {
    pub match_labels: StringMap,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PodTemplateSpec {
    pub metadata: TemplateMeta,
    pub spec: PodSpec,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TemplateMeta {
    pub labels: StringMap,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PodSpec {
    pub containers: Vec<Container>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub args: Vec<String>,
    pub env: Vec<EnvVar>,
    pub ports: Vec<ContainerPort>,
    pub resources: ResourceRequirements,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EnvVar {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerPort {
    pub container_port: i32,
    pub protocol: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ResourceRequirements {
    pub limits: StringMap,
    pub requests: StringMap,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub observed_generation: i64,
    pub replicas: i32,
    pub ready_replicas: i32,
    pub available_replicas: i32,
    pub updated_replicas: i32,
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    pub reason: String,
    pub message: String,
    pub last_update_time: String,
    pub last_transition_time: String,
}
