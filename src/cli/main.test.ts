import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const mainFile = fileURLToPath(new URL("./main.ts", import.meta.url));

/** Runs the CLI through tsx, as `npm run emulator` does. */
function cli(...args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", "tsx", mainFile, ...args], { stdio: "pipe" });
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
