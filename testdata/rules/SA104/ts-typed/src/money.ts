export class Money {
  constructor(private cents: number) {}

  set amount(value: number) {
    this.cents = value;
  }

  get amount(): number {
    return this.cents;
  }

  add(other: Money): Money {
    return new Money(this.cents + other.cents);
  }

  format(locale: string = "en"): string {
    return `${this.cents} ${locale}`;
  }
}

class Internal {
  untyped(x) {
    return x;
  }
}

export function untypedButRare(x): string {
  return String(x);
}
