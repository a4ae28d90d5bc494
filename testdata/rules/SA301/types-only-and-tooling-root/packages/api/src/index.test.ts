import { index } from "./index";
import { test, expect } from "vitest";

test("i", () => expect(index).toBe(1));
