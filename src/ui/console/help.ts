/** What `help` prints in the console. */
export const CONSOLE_HELP = `Podlab console: it runs the lines a session file holds.

  kubectl ...       any kubectl command the simulation supports ("kubectl" alone lists them,
                    "kubectl get --help" shows a command's flags)
  podlab ...        the simulator's own commands: faults and cluster settings ("podlab help")
  sleep DURATION    run the virtual clock: sleep 500ms, sleep 30s, sleep 2m
  clear             clear the screen (Ctrl+L)
  help              this text

Keys: Tab completes commands, kinds, names and flags; Up/Down walk the history;
Ctrl+C stops a watch (kubectl get -w, kubectl events -w, kubectl logs -f).

"Download session" saves the commands that changed the cluster, with the virtual time between
them, as a file that "npm run podlab -- run FILE" replays to the same state.
`;
