/**
 * `podlab node static-pod add|remove|list NODE ...`: put a pod manifest in a node's static pod
 * directory (/etc/kubernetes/manifests) or take it out, as kubeadm does for the control plane.
 */
import type { Pod } from "kubernetes-types/core/v1";
import { parseManifests } from "../api/manifest";
import type { PodlabCommand } from "../cluster";
import type { KubeletComponent } from "./component";

export function staticPodCommand(component: KubeletComponent): PodlabCommand {
  return {
    name: "node static-pod",
    usage: "podlab node static-pod add|remove|list NODE [-f FILE|NAME]",
    summary: "Add, remove or list a node's static pod manifests",
    run(args, _cluster, out, io) {
      const [action, nodeName, ...rest] = args;
      const k = nodeName ? component.kubelet(nodeName) : undefined;
      if (!action || !nodeName) throw new Error(`usage: ${this.usage}`);
      if (!k) throw new Error(`node "${nodeName}" not found`);
      if (action === "list") {
        for (const n of k.staticPods.list()) out(`${n}\n`);
        return 0;
      }
      if (action === "remove") {
        const name = rest[0];
        if (!name) throw new Error("remove needs the manifest's pod name");
        if (!k.staticPods.remove(name)) throw new Error(`no static pod "${name}" on node ${nodeName}`);
        out(`static pod manifest "${name}" removed from ${nodeName}:/etc/kubernetes/manifests\n`);
        return 0;
      }
      if (action === "add") {
        const fi = rest.indexOf("-f");
        const path = fi >= 0 ? rest[fi + 1] : rest[0];
        let text: string | undefined;
        if (!path || path === "-") text = io?.stdin;
        else text = io?.files?.readFile(path);
        if (text === undefined) throw new Error(path && path !== "-" ? `the path "${path}" does not exist` : "no manifest given (-f FILE or a here-document)");
        let added = 0;
        for (const doc of parseManifests(text, path ?? "-")) {
          if (doc.object.kind !== "Pod") throw new Error(`static pod manifests must be Pods, not ${doc.object.kind}`);
          const name = k.staticPods.add(doc.object as Pod);
          out(`static pod manifest "${doc.object.metadata?.name}" added to ${nodeName}:/etc/kubernetes/manifests (pod ${name})\n`);
          added++;
        }
        return added > 0 ? 0 : 1;
      }
      throw new Error(`unknown action "${action}"; usage: ${this.usage}`);
    },
  };
}
