import helpers

helpers.seed()
