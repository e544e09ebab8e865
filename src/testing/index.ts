/**
 * proxyless's test kit: a loopback emulator of the OpenAI, Anthropic and Gemini wire APIs for
 * offline tests, demos and benchmarks.
 *
 * @module
 */
export { startEmulator } from "./emulator/start-emulator.js";
export type { ConnectionCounts, Emulator, EmulatorOptions, EmulatorProvidersConfig, EmulatedRateLimit } from "./emulator/emulator-options.js";
export { selfSignedCertificate, type CertificatePair } from "./emulator/self-signed-certificate.js";
export type { RecordedRequest } from "./emulator/record-request.js";
export type {
  EmulatedProvider,
  ErrorScenario,
  HangScenario,
  ReplayScenario,
  ReplyScenario,
  Scenario,
  ScenarioTiming,
  ScriptRule,
  StreamFaultScenario,
} from "./emulator/scenario.js";
export { middlewareContext } from "./middleware-context.js";
export { mockProvider, type MockCall, type MockProvider, type MockReply, type MockResponder } from "./mock-provider.js";
