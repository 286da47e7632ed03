package io.swapguard.engine.otp;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells one-time-password SMS from the rest, in English and Indonesian: a code of 4 to 8 digits
 * together with OTP wording ("OTP", "kode", "verifikasi", "one-time", "jangan berikan", ...), or
 * any code from a registered sender that sends OTPs and words it as a code.
 */
public final class OtpClassifier {

    private static final Pattern CODE = Pattern.compile("(?<![\\d.,])\\d{4,8}(?![\\d.,]*\\d)");
    private static final Pattern WORDING = Pattern.compile(
            "\\b(otp|one[- ]time|passcode|password|verification|verify|security code|kode|verifikasi|sandi"
                    + "|jangan (berikan|bagikan)|do not share|don't share|rahasia)\\b");

    private OtpClassifier() {
    }

    /** True when {@code text} is an OTP. {@code otpSender}: the sender is registered as sending OTPs. */
    public static boolean isOtp(String text, boolean otpSender) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!CODE.matcher(lower).find()) {
            return false;
        }
        boolean worded = WORDING.matcher(lower).find();
        return worded || (otpSender && lower.contains("code"));
    }
}
