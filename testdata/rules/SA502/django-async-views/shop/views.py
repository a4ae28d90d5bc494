from asgiref.sync import sync_to_async
from django.core.mail import send_mail
from django.http import JsonResponse
from django.views import View

from .models import Book


async def book_detail(request, pk):
    book = Book.objects.get(pk=pk)
    same = await Book.objects.aget(pk=pk)
    titles = [b.title async for b in Book.objects.filter(title__startswith="A")]
    return JsonResponse({"title": book.title, "same": same.pk, "titles": titles})


@sync_to_async
def book_titles():
    return [b.title for b in Book.objects.all()] + [Book.objects.count()]


async def book_list(request):
    return JsonResponse({"titles": await book_titles()})


async def book_rename(request, pk):
    book = await Book.objects.aget(pk=pk)
    book.title = request.POST["title"]
    book.save()
    await book.asave(update_fields=["title"])
    return JsonResponse({"ok": True})


def book_count(request):
    return JsonResponse({"count": Book.objects.count()})


class ContactView(View):
    async def post(self, request):
        send_mail("Hello", "Body", "shop@example.com", ["owner@example.com"])
        return JsonResponse({"sent": True})
