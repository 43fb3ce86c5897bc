<%@ page session="false" contentType="text/plain; charset=UTF-8" %>ok
