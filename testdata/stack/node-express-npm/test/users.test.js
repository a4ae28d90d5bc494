test("lists users", () => {
  expect([]).toEqual([]);
});
