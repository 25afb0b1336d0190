/** Files of the Tomcat images: server.xml, the geektime image's start script, the sample WAR. */

export const TOMCAT_SERVER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Server port="8005" shutdown="SHUTDOWN">
  <Listener className="org.apache.catalina.startup.VersionLoggerListener" />
  <Service name="Catalina">
    <Connector port="8080" protocol="HTTP/1.1"
               connectionTimeout="20000"
               redirectPort="8443" />
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost"  appBase="webapps"
            unpackWARs="true" autoDeploy="true">
        <Valve className="org.apache.catalina.valves.AccessLogValve" directory="logs"
               prefix="localhost_access_log" suffix=".txt"
               pattern="%h %l %u %t &quot;%r&quot; %s %b" />
      </Host>
    </Engine>
  </Service>
</Server>
`;

export const TOMCAT7_START_SH = `#!/bin/sh
# Runs Tomcat in the foreground so the container lives as long as it does.
/root/apache-tomcat-7.0.42-v2/bin/catalina.sh run
`;

/**
 * A web archive as the simulated Tomcat reads it: the zip magic, then the archive's entries as JSON.
 * (The WAR from Tomcat's "Sample Application" documentation: an index page and a JSP.)
 */
export function makeWar(entries: Record<string, string>): string {
  return "PK\u0003\u0004" + JSON.stringify({ entries });
}

/** The entries of a simulated WAR; undefined when the content is not one. */
export function readWar(content: string): Record<string, string> | undefined {
  if (!content.startsWith("PK\u0003\u0004")) return undefined;
  try {
    return (JSON.parse(content.slice(4)) as { entries: Record<string, string> }).entries;
  } catch {
    return undefined;
  }
}

export const SAMPLE_WAR = makeWar({
  "index.html":
    '<html>\n<head>\n<title>Sample "Hello, World" Application</title>\n</head>\n<body bgcolor=white>\n\n' +
    '<table border="0">\n<tr>\n<td>\n<h1>Sample "Hello, World" Application</h1>\n' +
    "<p>This is the home page for a sample application used to illustrate the\nsource directory organization of a web application utilizing the principles\noutlined in the Application Developer's Guide.\n</td>\n</tr>\n</table>\n\n" +
    '<p>To prove that they work, you can execute either of the following links:\n<ul>\n<li>To a <a href="hello.jsp">JSP page</a>.\n<li>To a <a href="hello">servlet</a>.\n</ul>\n\n</body>\n</html>\n',
  "hello.jsp": '<html>\n<head>\n<title>Sample Application JSP Page</title>\n</head>\n<body bgcolor=white>\n<h1>Sample Application JSP Page</h1>\nThis is the output of a JSP page that is part of the Hello, World application.\n</body>\n</html>\n',
  "WEB-INF/web.xml": '<?xml version="1.0" encoding="ISO-8859-1"?>\n<web-app>\n  <display-name>Hello, World Application</display-name>\n</web-app>\n',
  "META-INF/MANIFEST.MF": "Manifest-Version: 1.0\nCreated-By: 1.6.0_13 (Sun Microsystems Inc.)\n",
});
