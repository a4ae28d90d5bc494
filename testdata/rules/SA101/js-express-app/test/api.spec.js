test('api', () => {});
