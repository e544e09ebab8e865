import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const mainFile = fileURLToPath(new URL("./main.ts", import.meta.url));

/** Runs the CLI through tsx, as `npm run emulator` does; no provider key is set unless `env` gives one. */
function cli(...args: string[]): ChildProcessWithoutNullStreams {
  return cliWith({}, ...args);
}

function cliWith(env: Readonly<Record<string, string>>, ...args: string[]): ChildProcessWithoutNullStreams {
  const { OPENAI_API_KEY: _o, ANTHROPIC_API_KEY: _a, GEMINI_API_KEY: _g, GOOGLE_API_KEY: _k, ...rest } = process.env;
  return spawn(process.execPath, ["--import", "tsx", mainFile, ...args], { stdio: "pipe", env: { ...rest, ...env } });
}

async function finished(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  return { code, stdout, stderr };
}

describe("proxyless CLI", () => {
  it("prints usage for --help", async () => {
    const { code, stdout } = await finished(cli("--help"));
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: proxyless <command>");
    expect(stdout).toContain("emulator");
  });

  it("prints the package's version for --version and -v", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    const [long, short] = await Promise.all([finished(cli("--version")), finished(cli("-v"))]);
    expect(long).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(short).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("exits 2 with the usage when no command is given", async () => {
    const { code, stdout, stderr } = await finished(cli());
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("give a command");
    expect(stderr).toContain("Usage: proxyless <command>");
  });

  it("says what to do when the emulator's port is in use", async () => {
    const holder = createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, "127.0.0.1", () => resolve((holder.address() as { port: number }).port)));
    try {
      const { code, stderr } = await finished(cli("emulator", "--port", String(port)));
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
      expect(stderr).toContain("--port 0 takes any free one");
    } finally {
      holder.close();
    }
  });

  it("chat: streams each answer with its tokens and timings, and /model switches provider mid-conversation", async () => {
    const child = cli("chat", "--emulator");
    const done = finished(child);
    child.stdin.end("Hello there\n/model anthropic/claude-haiku-4-5\nAnd again\n/bogus\n/exit\n");
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toContain("proxyless chat with openai/gpt-4o-mini on the embedded emulator");
    expect(stdout).toMatch(/\[openai\/[\w.-]+: \d+ in \/ \d+ out tokens, first token \d+ ms, \d+ ms\]/);
    expect(stdout).toContain("model: anthropic/claude-haiku-4-5");
    expect(stdout).toMatch(/\[anthropic\/[\w.-]+: \d+ in \/ \d+ out tokens, first token \d+ ms, \d+ ms\]/);
    expect(stdout).toContain("unknown command /bogus");
    // The second turn carried the first: more input tokens than the first turn's.
    const inputs = [...stdout.matchAll(/: (\d+) in \//g)].map((m) => Number(m[1]));
    expect(inputs).toHaveLength(2);
    expect(inputs[1]).toBeGreaterThan(inputs[0] as number);
  });

  it("chat: with only Anthropic's key set it starts on Anthropic, against the real API; /modelx is no /model", async () => {
    const child = cliWith({ ANTHROPIC_API_KEY: "sk-ant-test" }, "chat");
    const done = finished(child);
    child.stdin.end("/modelx\n/exit\n");
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toContain("proxyless chat with anthropic/claude-haiku-4-5.");
    expect(stdout).not.toContain("emulator");
    expect(stdout).toContain("unknown command /modelx");
  });

  it("chat: a failed turn says which typed error, and the chat goes on", async () => {
    const child = cli("chat", "--emulator", "--model", "nope/m");
    const done = finished(child);
    child.stdin.end("Hi\n/model openai/gpt-4o-mini\nHi\n");
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toContain(`[ValidationError: Invalid request: model: unknown provider "nope"`);
    expect(stdout).toMatch(/\[openai\/[\w.-]+: \d+ in/);
  });

  it("exits 2 for an unknown command or bad options", async () => {
    const [unknown, badPort] = await Promise.all([finished(cli("frobnicate")), finished(cli("emulator", "--port", "abc"))]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain("--port must be a whole number");
  });

  it("runs the emulator until SIGTERM, printing its URLs and env lines", async () => {
    const child = cli("emulator", "--port", "0");
    const done = finished(child);
    const banner = await new Promise<string>((resolve) => {
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes("GOOGLE_GEMINI_BASE_URL=")) resolve(text);
      });
    });
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] as string;
    expect(banner).toContain(`OPENAI_BASE_URL=${url}/v1`);
    expect(banner).toContain(`ANTHROPIC_BASE_URL=${url}`);
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer any" },
      body: JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(200);
    child.kill("SIGTERM");
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toContain("stopped");
  });
});
