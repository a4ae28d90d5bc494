import requests


def main():
    print(requests.get('https://example.com').status_code)
