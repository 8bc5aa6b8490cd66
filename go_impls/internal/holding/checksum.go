package holding

// Checksum reduces the held documents to the workload's checksum
// (workloads/holding/workload.json, rule jsonl_paths): counts, sums and
// UTF-8 byte lengths over every document. Sums wrap (int64 arithmetic);
// map iteration order does not matter because every value is a sum.
func Checksum(docs []Resource) map[string]int64 {
	var s struct {
		labels, annotations, annotationBytes, nameBytes, namespaceBytes, generation, replicas  int64
		selectorLabels, templateLabels, containers, containerNameBytes, imageBytes, args       int64
		argBytes, env, envValueBytes, ports, containerPortSum, limits, requests, readyReplicas int64
		conditions, conditionMessageBytes                                                      int64
	}
	for i := range docs {
		d := &docs[i]
		s.labels += int64(len(d.Metadata.Labels))
		s.annotations += int64(len(d.Metadata.Annotations))
		for _, v := range d.Metadata.Annotations {
			s.annotationBytes += int64(len(v))
		}
		s.nameBytes += int64(len(d.Metadata.Name))
		s.namespaceBytes += int64(len(d.Metadata.Namespace))
		s.generation += d.Metadata.Generation
		s.replicas += int64(d.Spec.Replicas)
		s.selectorLabels += int64(len(d.Spec.Selector.MatchLabels))
		s.templateLabels += int64(len(d.Spec.Template.Metadata.Labels))
		for j := range d.Spec.Template.Spec.Containers {
			c := &d.Spec.Template.Spec.Containers[j]
			s.containers++
			s.containerNameBytes += int64(len(c.Name))
			s.imageBytes += int64(len(c.Image))
			s.args += int64(len(c.Args))
			for _, a := range c.Args {
				s.argBytes += int64(len(a))
			}
			s.env += int64(len(c.Env))
			for _, e := range c.Env {
				s.envValueBytes += int64(len(e.Value))
			}
			s.ports += int64(len(c.Ports))
			for _, p := range c.Ports {
				s.containerPortSum += int64(p.ContainerPort)
			}
			s.limits += int64(len(c.Resources.Limits))
			s.requests += int64(len(c.Resources.Requests))
		}
		s.readyReplicas += int64(d.Status.ReadyReplicas)
		s.conditions += int64(len(d.Status.Conditions))
		for _, c := range d.Status.Conditions {
			s.conditionMessageBytes += int64(len(c.Message))
		}
	}
	return map[string]int64{
		"docs":                    int64(len(docs)),
		"labels":                  s.labels,
		"annotations":             s.annotations,
		"annotation_bytes":        s.annotationBytes,
		"name_bytes":              s.nameBytes,
		"namespace_bytes":         s.namespaceBytes,
		"generation":              s.generation,
		"replicas":                s.replicas,
		"selector_labels":         s.selectorLabels,
		"template_labels":         s.templateLabels,
		"containers":              s.containers,
		"container_name_bytes":    s.containerNameBytes,
		"image_bytes":             s.imageBytes,
		"args":                    s.args,
		"arg_bytes":               s.argBytes,
		"env":                     s.env,
		"env_value_bytes":         s.envValueBytes,
		"ports":                   s.ports,
		"container_port_sum":      s.containerPortSum,
		"limits":                  s.limits,
		"requests":                s.requests,
		"ready_replicas":          s.readyReplicas,
		"conditions":              s.conditions,
		"condition_message_bytes": s.conditionMessageBytes,
	}
}
