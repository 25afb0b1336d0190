/**
 * The manifest a newcomer finds in the editor: a pod whose init container writes a page into a
 * shared emptyDir volume before nginx serves it, behind a Service — the Infra container, init
 * containers, volumes, probes and endpoints in one small example.
 */
export const SAMPLE_MANIFEST = `# Press Apply (Ctrl+Enter) and watch the cluster run it.
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: web
spec:
  initContainers:
  - name: write-page
    image: busybox:1.36
    command: ["sh", "-c", "echo 'Hello from Podlab' > /work/index.html"]
    volumeMounts:
    - name: html
      mountPath: /work
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;
