package io.kubling.scheduler.binder;

/** How a binding ended: bound, refused for good (409/404: bound elsewhere, gone), or failed. */
public enum BindResult { BOUND, REFUSED, FAILED }
