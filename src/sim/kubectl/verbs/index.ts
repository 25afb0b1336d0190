/** Every kubectl verb the simulation supports, one file each. */
import type { Verb } from "../verb";
import { apiResources } from "./api-resources";
import { version } from "./version";

export const VERBS: Verb[] = [apiResources, version];
