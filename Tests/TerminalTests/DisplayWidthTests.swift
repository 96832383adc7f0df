import AuthDomain
import Foundation
import TerminalApp
import TerminalCore
import TerminalView
import XCTest

/// Chinese characters and emoji take two cells: the cursor, the field's scrolling and the
/// incremental drawing follow display width, never character counts.
final class DisplayWidthTests: XCTestCase {
    func testWidthsFollowTheTerminal() {
        XCTAssertEqual(DisplayWidth.of("A"), 1)
        XCTAssertEqual(DisplayWidth.of("用"), 2)
        XCTAssertEqual(DisplayWidth.of("😀"), 2)
        XCTAssertEqual(DisplayWidth.of("é"), 1)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "a combining accent takes no cell of its own")
        XCTAssertEqual(DisplayWidth.of("用户@例子.公司"), 14)
        XCTAssertEqual(DisplayWidth.prefix("用户@例子", width: 5), "用户@")
    }

    func testACanvasNeverHoldsHalfAWideCharacter() {
        var canvas = Canvas(columns: 10, rows: 1)
        canvas.text("用户", row: 0, column: 0)
        XCTAssertEqual(canvas.lines[0], "用户")
        canvas.text("X", row: 0, column: 1)  // over the right half of 用
        XCTAssertEqual(canvas.lines[0], " X户")
        canvas.text("用户", row: 0, column: 9)  // a wide character that does not fit is left out
        XCTAssertEqual(canvas.lines[0], " X户")
    }

    /// Typing and editing CJK text in the middle of a DMS field: every frame drawn by changed
    /// spans over the previous one equals the frame drawn whole, and the cursor sits after the
    /// character just typed.
    func testIncrementalDrawingEqualsAFullRedrawWhileEditingWideText() throws {
        let s = try DrivenSession(console: .dms, start: HongKongTime.date(2023, 9, 5, 10, 0))
        s.keys(.character("1"))
        s.logon("B01234X1")
        s.submit([.otp: s.appCode("HKEX:B01234X1")], "submit")
        s.submit("maintainUserProfile")
        s.submit("change")
        s.submit([.userID: "B0123403"], "submit")
        s.keys(.tab)  // the business user groups field takes any script
        var shown = s.session.canvas
        func step(_ action: () -> Void) {
            action()
            let next = s.session.canvas
            var patched = shown
            for span in next.changedSpans(from: shown) {
                for column in span.first...span.last { patched[span.row, column] = next[span.row, column] }
            }
            patched.cursor = next.cursor
            XCTAssertEqual(patched, next, "drawing the changed spans must give the whole frame:\n\(patched.text)\n---\n\(next.text)")
            shown = next
        }
        for c in "结算, 代理人" { step { s.keys(.character(c)) } }
        step { s.keys(.home, .right, .right) }
        step { s.keys(.character("X")) }
        step { s.keys(.delete) }
        step { s.keys(.character("😀")) }
        step { s.keys(.end, .backspace) }
        let field = try XCTUnwrap(s.state.screen.form?.field(.businessUserGroups))
        XCTAssertEqual(field.text, "结算X😀 代理")
        let canvas = s.session.canvas
        let cursor = try XCTUnwrap(canvas.cursor)
        let line = canvas.lines[cursor.row]
        let before = line.prefix { _ in true }
        XCTAssertTrue(before.contains("结算X😀 代理"), line)
        // The cursor is after the text: the labels' column plus the text's display width.
        let start = try XCTUnwrap((0..<canvas.columns).first { canvas[cursor.row, $0].character == "结" })
        XCTAssertEqual(cursor.column, start + DisplayWidth.of("结算X😀 代理"))
    }

    func testAnEmailAddressRefusesOtherScriptsWithOneMessage() throws {
        var field = TextField(.emailAddress, kind: .email)
        XCTAssertEqual(field.insert("用户@例子.公司"), "Email Address: only letters, digits and . _ % + - @ (no spaces, no other scripts)")
        XCTAssertEqual(field.text, "@.", "what can go in goes in; the rest is refused with one message")
        field.clear()
        XCTAssertNil(field.insert("chan.tm@demo.example"))
    }
}
