/**
 * tcplab TCP simulator: scenario in, trace out. Pure and deterministic.
 * See ./README.md for the contract.
 */
export * from "./types";
export {
  LIMITS,
  scenarioSchema,
  sysctlSchema,
  SYSCTL_DEFAULTS,
  sysctlOverridesSchema,
  stepSchema,
  faultSchema,
  floodSchema,
  hostSchema,
  parseScenario,
  type Scenario,
  type ScenarioInput,
  type ScenarioIssue,
  type Step,
  type StepInput,
  type Sysctl,
  type SysctlOverrides,
  type Fault,
  type Flood,
  type HostSpec,
} from "./scenario";
export { simulate, simulateInput } from "./engine";
export { snapshotAt } from "./snapshot";
export { formatTraceText, formatSsLine, formatSsInfo, formatSegment, formatTcpdump } from "./format";
export { PRESETS, PRESET_IDS, getPreset, isPresetId, presetFileSchema, type Preset, type PresetId } from "./presets";
