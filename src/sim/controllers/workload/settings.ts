/**
 * The workload controllers' constants, as kube-controller-manager has them compiled in: burst and
 * slow-start sizes, how long an expectation may stay unfulfilled, the cap on revision-history.
 */

/** ReplicaSet/ReplicationController: at most this many pods created or deleted per sync (BurstReplicas). */
export const BURST_REPLICAS = 500;

/** Pod creations start with a batch of this size and double after each fully successful batch. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** An expectation not met after this long is considered expired and the controller syncs anyway (5 min). */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

/** The deployment.kubernetes.io/revision-history annotation keeps at most this many characters. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

/** A deployment's progressDeadlineSeconds of MaxInt32 means "no deadline". */
export const MAX_INT32 = 2147483647;
