package dev.tempguard.sample; public class Placeholder {}
