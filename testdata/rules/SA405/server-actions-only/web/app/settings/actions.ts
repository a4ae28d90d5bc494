"use server";

import { drizzle } from "drizzle-orm/node-postgres";

const db = drizzle(process.env.DATABASE_URL ?? "");

export async function renameTeam(form: FormData) {
  await db.execute(`update teams set name = '${form.get("name")}'`);
}

export async function leaveTeam() {
  await db.execute("delete from members where id = 1");
}
