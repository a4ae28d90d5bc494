export default async () => new Response("hello");
