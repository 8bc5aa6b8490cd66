// Package holding is the Go side of the holding workload
// (workloads/holding/README.md): decode N Kubernetes-like resource documents
// (JSON lines) into typed structs, keep them all, and report the resident
// memory before loading and while holding them. It runs under the spawn
// protocol (driver.RunSpawn).
//
// The structs mirror the Rust ones (rust_impls/xlb_holding) field for field:
// strings, int32/int64 numbers, slices, and map[string]string for label-like
// maps, as client-go's types use.
package holding

// Resource is one Deployment/StatefulSet/ReplicaSet-like object.
type Resource struct {
	APIVersion string     `json:"apiVersion"`
	Kind       string     `json:"kind"`
	Metadata   ObjectMeta `json:"metadata"`
	Spec       Spec       `json:"spec"`
	Status     Status     `json:"status"`
}

// ObjectMeta is the object's identity and its labels and annotations.
type ObjectMeta struct {
	Name              string            `json:"name"`
	Namespace         string            `json:"namespace"`
	UID               string            `json:"uid"`
	Labels            map[string]string `json:"labels"`
	Annotations       map[string]string `json:"annotations"`
	CreationTimestamp string            `json:"creationTimestamp"`
	ResourceVersion   string            `json:"resourceVersion"`
	Generation        int64             `json:"generation"`
}

// Spec is the desired state: replicas and the pod template.
type Spec struct {
	Replicas int32           `json:"replicas"`
	Selector LabelSelector   `json:"selector"`
	Template PodTemplateSpec `json:"template"`
}

// LabelSelector selects the pods of the object.
type LabelSelector struct {
	MatchLabels map[string]string `json:"matchLabels"`
}

// PodTemplateSpec is the template of the pods the object runs.
type PodTemplateSpec struct {
	Metadata TemplateMeta `json:"metadata"`
	Spec     PodSpec      `json:"spec"`
}

// TemplateMeta holds the labels given to each pod.
type TemplateMeta struct {
	Labels map[string]string `json:"labels"`
}

// PodSpec lists the pod's containers.
type PodSpec struct {
	Containers []Container `json:"containers"`
}

// Container is one container of the pod template.
type Container struct {
	Name      string               `json:"name"`
	Image     string               `json:"image"`
	Args      []string             `json:"args"`
	Env       []EnvVar             `json:"env"`
	Ports     []ContainerPort      `json:"ports"`
	Resources ResourceRequirements `json:"resources"`
}

// EnvVar is one environment variable of a container.
type EnvVar struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// ContainerPort is one port a container exposes.
type ContainerPort struct {
	ContainerPort int32  `json:"containerPort"`
	Protocol      string `json:"protocol"`
}

// ResourceRequirements are a container's CPU and memory limits and requests.
type ResourceRequirements struct {
	Limits   map[string]string `json:"limits"`
	Requests map[string]string `json:"requests"`
}

// Status is the observed state.
type Status struct {
	ObservedGeneration int64       `json:"observedGeneration"`
	Replicas           int32       `json:"replicas"`
	ReadyReplicas      int32       `json:"readyReplicas"`
	AvailableReplicas  int32       `json:"availableReplicas"`
	UpdatedReplicas    int32       `json:"updatedReplicas"`
	Conditions         []Condition `json:"conditions"`
}

// Condition is one entry of status.conditions.
type Condition struct {
	Type               string `json:"type"`
	Status             string `json:"status"`
	Reason             string `json:"reason"`
	Message            string `json:"message"`
	LastUpdateTime     string `json:"lastUpdateTime"`
	LastTransitionTime string `json:"lastTransitionTime"`
}
