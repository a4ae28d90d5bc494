export function save(data) {
  console.log(data);
}
