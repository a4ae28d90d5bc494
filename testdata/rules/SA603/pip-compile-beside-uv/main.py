from fastapi import FastAPI
