/** The header's theme choice: follow the system (the default), dark or light. */
import { themes, useTheme, type ThemeChoice } from "./theme";

export function ThemeToggle() {
  const { choice, theme } = useTheme();
  return (
    <label className="flex items-center gap-1 text-[12px] text-slate-300">
      Theme
      <select
        aria-label="Theme"
        className="rounded border border-slate-700 bg-slate-900 px-1 py-0.5 text-[12px] text-slate-100"
        value={choice}
        onChange={(e) => themes.set(e.target.value as ThemeChoice)}
      >
        <option value="system">System ({choice === "system" ? theme : "auto"})</option>
        <option value="dark">Dark</option>
        <option value="light">Light</option>
      </select>
    </label>
  );
}
