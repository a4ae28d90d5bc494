from app import money

print(money)
