/** The application shell. */
export function App() {
  return (
    <div className="flex h-screen flex-col bg-slate-950 text-slate-100">
      <header className="flex items-center gap-3 border-b border-slate-800 px-4 py-2">
        <img src="/favicon.svg" alt="" className="h-6 w-6" />
        <h1 className="text-lg font-semibold">Podlab</h1>
        <span className="text-sm text-slate-400">a Kubernetes playground in your browser</span>
      </header>
      <main className="flex flex-1 items-center justify-center text-slate-400">
        <p>The cluster view is on its way.</p>
      </main>
    </div>
  );
}
