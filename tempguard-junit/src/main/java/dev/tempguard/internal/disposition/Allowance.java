package dev.tempguard.internal.disposition;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import dev.tempguard.AllowLeaks;
import dev.tempguard.CreationSite;
import dev.tempguard.Leak;

/**
 * One {@link AllowLeaks} annotation, checked: which leaks it allows, and why.
 *
 * @param reason why they are allowed
 * @param issue where fixing them is tracked, possibly empty
 * @param names globs of the file names allowed
 * @param paths globs of the absolute paths allowed
 * @param sites classes or methods on the stack that made them
 */
record Allowance(String reason, String issue, List<PathMatcher> names, List<PathMatcher> paths, List<String> sites) {

	private static final String EXAMPLE = "@AllowLeaks(reason = \"the PDF renderer keeps its fonts in /tmp\","
			+ " issue = \"GH-12\")";

	/**
	 * @param annotation the annotation
	 * @param owner the id of the test or class it annotates, for messages
	 * @throws IllegalArgumentException naming {@code owner}, when its reason is empty or
	 * one of its paths or sites is not one
	 */
	static Allowance of(AllowLeaks annotation, String owner) {
		if (annotation.reason().isBlank()) {
			throw new IllegalArgumentException("tempguard: @AllowLeaks on " + owner + " gives no reason; say why its"
					+ " leaks are allowed, as in " + EXAMPLE);
		}
		List<PathMatcher> names = new ArrayList<>();
		List<PathMatcher> paths = new ArrayList<>();
		for (String glob : annotation.paths()) {
			if (glob.isBlank()) {
				throw new IllegalArgumentException("tempguard: @AllowLeaks on " + owner + " has an empty path; give"
						+ " a glob of the file name (fonts-*.ttf) or, with a /, of the absolute path");
			}
			try {
				(glob.contains("/") ? paths : names).add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException("tempguard: @AllowLeaks on " + owner + " has the path \"" + glob
						+ "\", which is not a glob (" + ex.getDescription() + ")", ex);
			}
		}
		for (String site : annotation.sites()) {
			if (site.isBlank()) {
				throw new IllegalArgumentException("tempguard: @AllowLeaks on " + owner + " has an empty site; give"
						+ " a class (com.example.PdfRenderer) or a method (com.example.PdfRenderer.render)");
			}
		}
		return new Allowance(annotation.reason().trim(), annotation.issue().trim(), names, paths,
				List.of(annotation.sites()).stream().map(String::trim).toList());
	}

	/** Whether {@code leak} is one this annotation allows. */
	boolean allows(Leak leak) {
		if (!this.names.isEmpty() || !this.paths.isEmpty()) {
			Path fileName = leak.path().getFileName();
			boolean named = fileName != null && this.names.stream().anyMatch((glob) -> glob.matches(fileName));
			if (!named && this.paths.stream().noneMatch((glob) -> glob.matches(leak.path()))) {
				return false;
			}
		}
		return this.sites.isEmpty() || madeAtASite(leak.site());
	}

	private boolean madeAtASite(@Nullable CreationSite site) {
		if (site == null || !site.known()) {
			return false;
		}
		for (StackTraceElement frame : site.stack()) {
			String className = frame.getClassName();
			String method = className + "." + frame.getMethodName();
			if (this.sites.contains(className) || this.sites.contains(method)) {
				return true;
			}
		}
		return false;
	}

	/** How a person reads it: its reason, and its issue when there is one. */
	String describe() {
		return this.reason + (this.issue.isEmpty() ? "" : " (" + this.issue + ")");
	}

}
