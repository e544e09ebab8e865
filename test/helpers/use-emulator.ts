import { afterAll, beforeAll, beforeEach } from "vitest";
import { createClient, type Client } from "proxyless";
import { startEmulator, type Emulator } from "proxyless/testing";

/** An emulator for the test file and a client pointed at it; scripts and records reset per test. */
export interface EmulatorHarness {
  readonly emulator: Emulator;
  readonly llm: Client;
}

export function useEmulator(apiKey: string): EmulatorHarness {
  let emulator: Emulator | undefined;
  let llm: Client | undefined;
  const harness: EmulatorHarness = {
    get emulator() {
      if (!emulator) throw new Error("useEmulator: only available inside tests");
      return emulator;
    },
    get llm() {
      if (!llm) throw new Error("useEmulator: only available inside tests");
      return llm;
    },
  };
  beforeAll(async () => {
    emulator = await startEmulator();
    llm = createClient({ retry: false, providers: emulator.providers(apiKey) });
  });
  afterAll(() => emulator?.close());
  beforeEach(() => emulator?.reset());
  return harness;
}
