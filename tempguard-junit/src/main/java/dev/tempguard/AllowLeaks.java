package dev.tempguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a test, or every test of a class, leak temporary paths without failing when
 * {@code tempguard.fail-on-leak=true}, for a reason: a leak in code that cannot be fixed
 * this week, for example. Its leaks are still detected, deleted where
 * {@code tempguard.leak-detection.delete-untracked} says so, and reported as
 * <em>allowed</em>, with the reason and the issue, in the summary and the report.
 *
 * <pre class="code">
 * &#064;Test
 * &#064;AllowLeaks(reason = "the PDF renderer keeps its fonts in /tmp", issue = "GH-12", paths = "fonts-*.ttf")
 * void rendersTheInvoice() {
 *     // ...
 * }
 * </pre>
 *
 * On a class, it applies to each of its tests, {@code @BeforeAll} and {@code @AfterAll},
 * its {@code @Nested} classes and its subclasses; it may also annotate an annotation of
 * your own. A test with {@code @AllowLeaks} whose {@link #reason} is empty fails, naming
 * the test. Narrowed by {@link #paths} or {@link #sites}, it allows only the leaks that
 * match: any of the paths (when given) and any of the sites (when given). See
 * {@code docs/baseline.md} for adopting {@code fail-on-leak} on an existing suite.
 */
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AllowLeaks {

	/**
	 * Why the leaks are allowed, shown in the report; required, and not blank.
	 * @return the reason
	 */
	String reason();

	/**
	 * Where fixing them is tracked, such as {@code GH-12} or a URL; shown with the
	 * reason.
	 * @return the issue, empty when none
	 */
	String issue() default "";

	/**
	 * Globs of the leaked paths allowed: of the file name ({@code fonts-*.ttf}), or of
	 * the absolute path when the glob holds a {@code /} ({@code /tmp/renderer/fonts-*}).
	 * Empty: any path.
	 * @return the globs
	 */
	String[] paths() default {};

	/**
	 * Where the allowed leaks are made: a class ({@code com.example.PdfRenderer}) or a
	 * method ({@code com.example.PdfRenderer.render}) on the call stack that created the
	 * path, as tempguard's agent saw it. A leak whose creation site is unknown (no agent,
	 * or a path the registry tracked) matches none. Empty: any site.
	 * @return the classes or methods
	 */
	String[] sites() default {};

}
