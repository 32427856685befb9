package dev.widescan.format;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * What went wrong in an I/O exception, for one-line messages. Why: the JDK's file-system exceptions often
 * carry only the path ({@code AccessDeniedException: /data/day1.wsev}), so a message built from
 * {@code getMessage()} named the file but not the problem ("widescan scan: /data/day1.wsev").
 */
public final class IoMessages {
    private IoMessages() {
    }

    /** The problem alone: the exception's reason, or the one its class stands for ("permission denied"). */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            return switch (f) {
                case AccessDeniedException a -> "permission denied";
                case NoSuchFileException n -> "no such file or directory";
                case FileAlreadyExistsException x -> "already exists";
                case NotDirectoryException n -> "not a folder";
                case DirectoryNotEmptyException d -> "folder not empty";
                case FileSystemLoopException l -> "symbolic link loop";
                case NotLinkException n -> "not a symbolic link";
                default -> "I/O error (" + f.getClass().getSimpleName() + ")";
            };
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** {@code FILE: problem} for a file-system exception (with the other file, for a move), else the message. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason(e);
        }
        return reason(e);
    }
}
