/**
 * Notices: short messages about what happened to the workspace (a link opened, a file imported, the
 * autosave restored, a link that could not be read), shown until dismissed, with at most one action.
 */
import { create } from "zustand";

export interface Notice {
  kind: "info" | "error";
  text: string;
  action?: { label: string; run(): void };
}

interface NoticeState {
  notice?: Notice;
}

export const useNotice = create<NoticeState>()(() => ({}));

export const notices = {
  show(notice: Notice): void {
    useNotice.setState({ notice });
  },
  dismiss(): void {
    useNotice.setState({ notice: undefined });
  },
};
