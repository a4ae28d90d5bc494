from app.auth import sign

print(sign)
