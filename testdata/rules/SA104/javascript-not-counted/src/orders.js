export function order0(id) {
  return id;
}
export function order1(id) {
  return id;
}
export function order2(id) {
  return id;
}
export function order3(id) {
  return id;
}
export function order4(id) {
  return id;
}
export function order5(id) {
  return id;
}
export function order6(id) {
  return id;
}
export function order7(id) {
  return id;
}
export function order8(id) {
  return id;
}
export function order9(id) {
  return id;
}
export function order10(id) {
  return id;
}
export function order11(id) {
  return id;
}
export function order12(id) {
  return id;
}
export function order13(id) {
  return id;
}
export function order14(id) {
  return id;
}
export function order15(id) {
  return id;
}
export function order16(id) {
  return id;
}
export function order17(id) {
  return id;
}
export function order18(id) {
  return id;
}
export function order19(id) {
  return id;
}
export function order20(id) {
  return id;
}
export function order21(id) {
  return id;
}
export function order22(id) {
  return id;
}
export function order23(id) {
  return id;
}
export function order24(id) {
  return id;
}
