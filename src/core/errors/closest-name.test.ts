import { describe, expect, it } from "vitest";
import { closestName, didYouMean } from "./closest-name.js";

const REQUEST = ["model", "messages", "maxTokens", "temperature", "topP", "stop", "seed"];

describe("closestName", () => {
  it("finds the same name in snake_case, kebab-case or another case", () => {
    expect(closestName("max_tokens", REQUEST)).toBe("maxTokens");
    expect(closestName("max-tokens", REQUEST)).toBe("maxTokens");
    expect(closestName("MaxTokens", REQUEST)).toBe("maxTokens");
    expect(closestName("top_p", REQUEST)).toBe("topP");
  });

  it("finds a typo of one or two letters, a swap of two counted as one, but not a different short word", () => {
    expect(closestName("temprature", REQUEST)).toBe("temperature");
    expect(closestName("mesages", REQUEST)).toBe("messages");
    expect(closestName("nmae", ["name"])).toBe("name");
    expect(closestName("seat", REQUEST)).toBeUndefined();
    expect(closestName("colour", REQUEST)).toBeUndefined();
  });

  it("takes a synonym before any edit", () => {
    expect(closestName("max_completion_tokens", REQUEST, { max_completion_tokens: "maxTokens" })).toBe("maxTokens");
    expect(closestName("max_completion_tokens", REQUEST)).toBeUndefined();
    // A synonym for a key this object does not take is no answer.
    expect(closestName("url", ["providers", "models"], { url: "baseURL" })).toBeUndefined();
  });

  it("says it at the end of a message, or says nothing", () => {
    expect(didYouMean("modle", REQUEST)).toBe(' (did you mean "model"?)');
    expect(didYouMean("zzzz", REQUEST)).toBe("");
  });
});
