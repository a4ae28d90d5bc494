import { NestFactory } from "@nestjs/core";
import type { Request, Response, NextFunction } from "express";
import { AppModule } from "./app.module";

function log(req: Request, _res: Response, next: NextFunction) {
  console.log(req.url);
  next();
}

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.use(log);
  await app.listen(3000);
}
bootstrap();
