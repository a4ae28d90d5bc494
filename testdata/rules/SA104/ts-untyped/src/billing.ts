export const charge0 = (amount: number, currency = "EUR"): number => amount;
export const charge1 = (amount: number, currency = "EUR"): number => amount;
export const charge2 = (amount: number, currency = "EUR"): number => amount;
export const charge3 = (amount: number, currency = "EUR"): number => amount;
export const charge4 = (amount: number, currency = "EUR"): number => amount;
export function refund0(amount) {
  return amount;
}
export function refund1(amount) {
  return amount;
}
export function refund2(amount) {
  return amount;
}
export function refund3(amount) {
  return amount;
}
export function refund4(amount) {
  return amount;
}
