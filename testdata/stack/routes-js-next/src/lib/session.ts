// "use server" in a comment does not make this a server-actions file.
export function withSession(h) {
  return h;
}

export async function getSession() {
  return null;
}
