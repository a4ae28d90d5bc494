export function user0(id: string) {
  return { id };
}

export function user1(id: string) {
  return { id };
}

export function user2(id: string) {
  return { id };
}

export function user3(id: string) {
  return { id };
}

export function user4(id: string) {
  return { id };
}

export function user5(id: string) {
  return { id };
}

export function user6(id: string) {
  return { id };
}

export function user7(id: string) {
  return { id };
}

export function typedUser(id: string): { id: string } {
  return { id };
}
