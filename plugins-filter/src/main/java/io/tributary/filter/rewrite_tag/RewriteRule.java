package io.tributary.filter.rewrite_tag;

import io.tributary.parser.OnigmoPattern;
import io.tributary.record.RecordAccessor;

/** {@code Rule $KEY REGEX NEW_TAG KEEP}. */
record RewriteRule(RecordAccessor key, OnigmoPattern regex, TagTemplate newTag, boolean keep) {}
