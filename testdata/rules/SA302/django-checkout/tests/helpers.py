def log_in(client, email):
    return client.post("/api/accounts/login/", {"email": email})
