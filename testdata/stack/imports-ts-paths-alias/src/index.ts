import express from "express";
import type { Request, Response } from "express";
import { z } from "zod";
import type { Logger } from "@acme/logger";
import { x } from "@/lib/x";
import config from "~config";
import { slug } from "utils/slug";

const app = express();
const Body = z.object({ name: z.string() });
let log: Logger | undefined;

app.get("/", (req: Request, res: Response) => {
  res.json({ x, port: config.port, slug: slug(Body.parse(req.query).name), log });
});
app.listen(config.port);
