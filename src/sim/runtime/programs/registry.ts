/** The modelled programs by the name image files give them ("nginx", "agnhost", ...). */
import { agnhost, serveHostnameBinary } from "./agnhost";
import { mysqlEntrypoint, mysqld, postgres, postgresEntrypoint } from "./databases";
import { httpd, httpdForeground } from "./httpd";
import { nginx, nginxEntrypoint } from "./nginx";
import { phpApache } from "./php-apache";
import type { Program } from "./program";
import { redisCli, redisEntrypoint, redisServer } from "./redis";
import { node, perl, pip, python } from "./runtimes";
import { echoserver, genericServer, goproxy, helloApp, httpEcho, livenessServer, pause } from "./simple-servers";
import { stress, vishStress } from "./stress";
import { k8sComponent } from "./k8s-components";
import { catalina, catalinaStart, catalinaVersion, java } from "./tomcat";

const PROGRAMS: Program[] = [
  agnhost, mysqlEntrypoint, mysqld, postgres, postgresEntrypoint, httpd, httpdForeground, nginx, nginxEntrypoint, redisCli,
  redisEntrypoint, redisServer, node, perl, pip, python, echoserver, genericServer, goproxy, helloApp, httpEcho, livenessServer,
  pause, stress, vishStress, catalina, catalinaStart, catalinaVersion, java, serveHostnameBinary, phpApache,
];

// The cluster's own components (etcd, kube-apiserver, CoreDNS, ...).
PROGRAMS.push(k8sComponent);

const BY_NAME = new Map(PROGRAMS.map((p) => [p.name, p]));

export function getProgram(name: string): Program | undefined {
  return BY_NAME.get(name);
}

/** Every program name, for the catalogue's consistency test. */
export function programNames(): string[] {
  return [...BY_NAME.keys()];
}
