/**
 * The Go shape of the internal core types a pod spec diff walks (pkg/apis/core/types.go): field
 * names in declaration order, pointer-ness, and the JSON name each field is read from. The diff
 * reporter (go-diff.ts) needs them to print what go-cmp prints. Types not listed fall back to their
 * JSON keys in alphabetical order.
 */

/** One Go field: its name, the JSON key it comes from ("" when embedded), and its type expression. */
export interface GoField {
  go: string;
  json: string;
  type: string;
}

/**
 * Field lists written "GoName[:jsonName]=Type". Types: string, int, bool, Quantity, IntOrString,
 * ResourceList, map[string]string, []T, *T, or another listed struct; "~T" embeds T's fields
 * (read from the same JSON object).
 */
const STRUCTS: Record<string, string> = {
  PodSpec:
    "Volumes=[]Volume InitContainers=[]Container Containers=[]Container EphemeralContainers=[]Container RestartPolicy=string " +
    "TerminationGracePeriodSeconds=*int ActiveDeadlineSeconds=*int DNSPolicy:dnsPolicy=string NodeSelector=map[string]string " +
    "ServiceAccountName=string AutomountServiceAccountToken=*bool NodeName=string SecurityContext=*PodSecurityContext " +
    "ImagePullSecrets=[]LocalObjectReference Hostname=string Subdomain=string SetHostnameAsFQDN:setHostnameAsFQDN=*bool Affinity=*Affinity " +
    "SchedulerName=string Tolerations=[]Toleration HostAliases=[]HostAlias PriorityClassName=string Priority=*int " +
    "PreemptionPolicy=*string DNSConfig:dnsConfig=*PodDNSConfig ReadinessGates=[]PodReadinessGate RuntimeClassName=*string " +
    "Overhead=ResourceList EnableServiceLinks=*bool TopologySpreadConstraints=[]TopologySpreadConstraint OS:os=*PodOS " +
    "SchedulingGates=[]PodSchedulingGate ResourceClaims=[]PodResourceClaim",
  PodSecurityContext:
    "HostNetwork=bool HostPID:hostPID=bool HostIPC:hostIPC=bool ShareProcessNamespace=*bool HostUsers=*bool SELinuxOptions:seLinuxOptions=*SELinuxOptions " +
    "WindowsOptions=*WindowsSecurityContextOptions RunAsUser=*int RunAsGroup=*int RunAsNonRoot=*bool SupplementalGroups=[]int " +
    "SupplementalGroupsPolicy=*string FSGroup:fsGroup=*int FSGroupChangePolicy:fsGroupChangePolicy=*string Sysctls=[]Sysctl " +
    "SeccompProfile=*SeccompProfile AppArmorProfile=*AppArmorProfile",
  Container:
    "Name=string Image=string Command=[]string Args=[]string WorkingDir=string Ports=[]ContainerPort EnvFrom=[]EnvFromSource Env=[]EnvVar " +
    "Resources=ResourceRequirements ResizePolicy=[]ContainerResizePolicy RestartPolicy=*string VolumeMounts=[]VolumeMount " +
    "VolumeDevices=[]VolumeDevice LivenessProbe=*Probe ReadinessProbe=*Probe StartupProbe=*Probe Lifecycle=*Lifecycle " +
    "TerminationMessagePath=string TerminationMessagePolicy=string ImagePullPolicy=string SecurityContext=*SecurityContext " +
    "Stdin=bool StdinOnce=bool TTY:tty=bool",
  ContainerPort: "Name=string HostPort=int ContainerPort=int Protocol=string HostIP:hostIP=string",
  EnvVar: "Name=string Value=string ValueFrom=*EnvVarSource",
  EnvVarSource: "FieldRef=*ObjectFieldSelector ResourceFieldRef=*ResourceFieldSelector ConfigMapKeyRef=*ConfigMapKeySelector SecretKeyRef=*SecretKeySelector",
  ConfigMapKeySelector: "LocalObjectReference:=~LocalObjectReference Key=string Optional=*bool",
  SecretKeySelector: "LocalObjectReference:=~LocalObjectReference Key=string Optional=*bool",
  EnvFromSource: "Prefix=string ConfigMapRef=*ConfigMapEnvSource SecretRef=*SecretEnvSource",
  ConfigMapEnvSource: "LocalObjectReference:=~LocalObjectReference Optional=*bool",
  SecretEnvSource: "LocalObjectReference:=~LocalObjectReference Optional=*bool",
  LocalObjectReference: "Name=string",
  ResourceRequirements: "Limits=ResourceList Requests=ResourceList Claims=[]ResourceClaim",
  VolumeMount: "Name=string ReadOnly=bool RecursiveReadOnly=*string MountPath=string SubPath=string MountPropagation=*string SubPathExpr=string",
  Volume: "Name=string VolumeSource:=~VolumeSource",
  VolumeSource:
    "HostPath=*HostPathVolumeSource EmptyDir=*EmptyDirVolumeSource GCEPersistentDisk:gcePersistentDisk=*Unknown AWSElasticBlockStore:awsElasticBlockStore=*Unknown " +
    "GitRepo=*Unknown Secret=*SecretVolumeSource NFS:nfs=*Unknown ISCSI:iscsi=*Unknown Glusterfs=*Unknown " +
    "PersistentVolumeClaim=*PersistentVolumeClaimVolumeSource RBD:rbd=*Unknown Quobyte=*Unknown FlexVolume=*Unknown Cinder=*Unknown " +
    "CephFS:cephfs=*Unknown Flocker=*Unknown DownwardAPI:downwardAPI=*DownwardAPIVolumeSource FC:fc=*Unknown AzureFile=*Unknown " +
    "ConfigMap=*ConfigMapVolumeSource VsphereVolume=*Unknown AzureDisk=*Unknown PhotonPersistentDisk=*Unknown " +
    "Projected=*ProjectedVolumeSource PortworxVolume=*Unknown ScaleIO:scaleIO=*Unknown StorageOS:storageos=*Unknown CSI:csi=*Unknown " +
    "Ephemeral=*Unknown Image=*Unknown",
  HostPathVolumeSource: "Path=string Type=*string",
  EmptyDirVolumeSource: "Medium=string SizeLimit=*Quantity",
  SecretVolumeSource: "SecretName=string Items=[]KeyToPath DefaultMode=*int Optional=*bool",
  ConfigMapVolumeSource: "LocalObjectReference:=~LocalObjectReference Items=[]KeyToPath DefaultMode=*int Optional=*bool",
  PersistentVolumeClaimVolumeSource: "ClaimName=string ReadOnly=bool",
  KeyToPath: "Key=string Path=string Mode=*int",
  DownwardAPIVolumeSource: "Items=[]DownwardAPIVolumeFile DefaultMode=*int",
  DownwardAPIVolumeFile: "Path=string FieldRef=*ObjectFieldSelector ResourceFieldRef=*ResourceFieldSelector Mode=*int",
  ObjectFieldSelector: "APIVersion:apiVersion=string FieldPath=string",
  ResourceFieldSelector: "ContainerName=string Resource=string Divisor=Quantity",
  ProjectedVolumeSource: "Sources=[]VolumeProjection DefaultMode=*int",
  VolumeProjection:
    "Secret=*SecretProjection DownwardAPI:downwardAPI=*DownwardAPIProjection ConfigMap=*ConfigMapProjection " +
    "ServiceAccountToken=*ServiceAccountTokenProjection ClusterTrustBundle=*Unknown",
  SecretProjection: "LocalObjectReference:=~LocalObjectReference Items=[]KeyToPath Optional=*bool",
  ConfigMapProjection: "LocalObjectReference:=~LocalObjectReference Items=[]KeyToPath Optional=*bool",
  DownwardAPIProjection: "Items=[]DownwardAPIVolumeFile",
  ServiceAccountTokenProjection: "Audience=string ExpirationSeconds=int Path=string",
  Toleration: "Key=string Operator=string Value=string Effect=string TolerationSeconds=*int",
  Probe:
    "ProbeHandler:=~ProbeHandler InitialDelaySeconds=int TimeoutSeconds=int PeriodSeconds=int SuccessThreshold=int " +
    "FailureThreshold=int TerminationGracePeriodSeconds=*int",
  ProbeHandler: "Exec=*ExecAction HTTPGet:httpGet=*HTTPGetAction TCPSocket:tcpSocket=*TCPSocketAction GRPC:grpc=*GRPCAction",
  LifecycleHandler: "Exec=*ExecAction HTTPGet:httpGet=*HTTPGetAction TCPSocket:tcpSocket=*TCPSocketAction Sleep=*SleepAction",
  Lifecycle: "PostStart=*LifecycleHandler PreStop=*LifecycleHandler",
  ExecAction: "Command=[]string",
  HTTPGetAction: "Path=string Port=IntOrString Host=string Scheme=string HTTPHeaders:httpHeaders=[]HTTPHeader",
  HTTPHeader: "Name=string Value=string",
  TCPSocketAction: "Port=IntOrString Host=string",
  GRPCAction: "Port=int Service=*string",
  SleepAction: "Seconds=int",
  SecurityContext:
    "Capabilities=*Capabilities Privileged=*bool SELinuxOptions:seLinuxOptions=*SELinuxOptions WindowsOptions=*WindowsSecurityContextOptions " +
    "RunAsUser=*int RunAsGroup=*int RunAsNonRoot=*bool ReadOnlyRootFilesystem=*bool AllowPrivilegeEscalation=*bool ProcMount=*string " +
    "SeccompProfile=*SeccompProfile AppArmorProfile=*AppArmorProfile",
  Capabilities: "Add=[]string Drop=[]string",
  PodSchedulingGate: "Name=string",
  PersistentVolumeClaimSpec:
    "AccessModes=[]string Selector=*LabelSelector Resources=VolumeResourceRequirements VolumeName=string StorageClassName=*string " +
    "VolumeMode=*string DataSource=*TypedLocalObjectReference DataSourceRef=*TypedObjectReference VolumeAttributesClassName=*string",
  VolumeResourceRequirements: "Limits=ResourceList Requests=ResourceList",
  PodReadinessGate: "ConditionType=string",
};

/** A parsed field list per struct. */
const parsed = new Map<string, GoField[]>();

/** The fields of an internal core struct in declaration order, or undefined when it is not listed. */
export function goFields(struct: string): GoField[] | undefined {
  const cached = parsed.get(struct);
  if (cached) return cached;
  const spec = STRUCTS[struct];
  if (!spec) return undefined;
  const fields = spec.split(" ").map((entry) => {
    const [lhs, type] = entry.split("=");
    const [go, json] = lhs.split(":");
    return { go, json: json ?? go.charAt(0).toLowerCase() + go.slice(1), type };
  });
  parsed.set(struct, fields);
  return fields;
}

/** The pod-level booleans v1 keeps in PodSpec but the internal type keeps in its security context. */
export const POD_SECURITY_FIELDS_IN_SPEC = ["hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "hostUsers"];
