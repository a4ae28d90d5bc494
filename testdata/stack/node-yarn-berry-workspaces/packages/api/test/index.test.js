it("boots", () => {});
