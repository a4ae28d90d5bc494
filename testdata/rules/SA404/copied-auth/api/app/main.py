from app.auth import verify

print(verify)
