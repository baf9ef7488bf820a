package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command register (B.2), window selection and the window registers (B.4), resets and a stuck command. */
class VortexCommandTest {

    @Test
    void commandsAreCodeShiftedElevenAsTheFactsTableSays() {
        assertThat(new int[] {TotalReset, SelectWindow, RxEnable, RxReset, UpStall, UpUnstall, DownStall, DownUnstall,
            RxDiscard, TxEnable, TxReset, FakeIntr, AckIntr, SetIntrEnb, SetStatusEnb, SetRxFilter, SetRxThreshold,
            SetTxThreshold, StartDMAUp, StartDMADown, StatsEnable, StatsDisable, SetFilterBit})
                .as("B.2 command words").containsExactly(0x0000, 0x0800, 0x2000, 0x2800, 0x3000, 0x3001, 0x3002, 0x3003,
                        0x4000, 0x4800, 0x5800, 0x6000, 0x6800, 0x7000, 0x7800, 0x8000, 0x8800, 0x9000, 0xA000, 0xA001,
                        0xA800, 0xB000, 0xC800);
    }

    @Test
    void selectWindowShowsInStatusBits15To13AndSwitchesTheRegistersAt0To0D() {
        VortexBench b = VortexBench.vortex();
        for (int w = 0; w < 8; w++) {
            b.select(w);
            assertThat(b.status() >>> WINDOW_SHIFT).as("B.2 window %d in bits 15:13", w).isEqualTo(w);
        }
        b.select(2);
        assertThat(new int[] {b.r8(0), b.r8(1), b.r8(2), b.r8(3), b.r8(4), b.r8(5)}).as("B.4 W2 station address")
                .containsExactly(0x00, 0x04, 0x75, 0x12, 0x34, 0x56);
        b.w8(5, 0x99);
        assertThat(b.nic.port().macAddress()).as("the port answers to W2").isEqualTo(0x0004_7512_3499L);
        b.select(3);
        int config = b.r32(Wn3_Config);
        assertThat(config >>> CONFIG_XCVR_SHIFT & 0xF).as("3c595: XCVR 100baseTX").isEqualTo(XCVR_100baseTx);
        assertThat(config & CONFIG_AUTOSELECT).isNotZero();
        assertThat(8 << (config & 7)).as("16 KiB of RAM").isEqualTo(16);
        assertThat(b.r16(Wn3_Options)).as("media options: 100baseTX, 10baseT").isEqualTo(MEDIA_OPT_BTX | MEDIA_OPT_10BT);
        assertThat(b.r16(Wn3_FreeRx)).as("an empty 8 KiB receive FIFO").isEqualTo(8192);
        b.select(4);
        assertThat(b.r16(Wn4_Media) & Media_LnkBeat).as("link beat with the cable in").isEqualTo(Media_LnkBeat);
        b.nic.port().setLinkUp(false);
        assertThat(b.r16(Wn4_Media) & Media_LnkBeat).isZero();
        b.select(5);
        b.cmd(SetRxFilter | RxStation | RxBroadcast);
        b.cmd(SetIntrEnb | 0x6DF);
        b.cmd(SetStatusEnb | 0x0DE);
        assertThat(new int[] {b.r8(Wn5_RxFilter), b.r16(Wn5_IntrEnable), b.r16(Wn5_StatusEnable)})
                .as("B.4 W5 read-back").containsExactly(5, 0x6DF, 0x0DE);
        assertThat(b.status() >>> WINDOW_SHIFT).isEqualTo(5);
    }

    @Test
    void theTornadoHasMaxPktSizeNwayAndBusMasterRegistersTheVortexLacks() {
        VortexBench t = VortexBench.tornado();
        t.select(3);
        assertThat(t.r32(Wn3_Config) >>> CONFIG_XCVR_SHIFT & 0xF).as("3c905C: NWAY").isEqualTo(XCVR_NWAY);
        assertThat(t.r16(Wn3_MaxPktSize)).isEqualTo(1518);
        t.w32(UpListPtr, 0x1234_5678);
        assertThat(t.r32(UpListPtr)).isEqualTo(0x1234_5678);
        assertThat(t.nic.read(BAR_MEM, UpListPtr, 4)).as("BAR1 decodes the same registers").isEqualTo(0x1234_5678L);
        VortexBench v = VortexBench.vortex();
        v.w32(UpListPtr, 0x1234_5678);
        assertThat(v.r32(UpListPtr)).as("the Vortex has no bus-master registers").isZero();
        assertThat(v.nic.read(BAR_MEM, 0x0E, 2)).as("and no BAR1").isZero();
    }

    @Test
    void waitCommandsSetCmdInProgressForAShortVirtualTime() {
        VortexBench b = VortexBench.tornado();
        b.cmd(TxReset);
        assertThat(b.status() & CmdInProgress).as("B.2 TxReset: wait").isEqualTo(CmdInProgress);
        b.ctx.run(Vortex.RESET_NANOS - 1);
        assertThat(b.status() & CmdInProgress).isEqualTo(CmdInProgress);
        b.ctx.run(1);
        assertThat(b.status() & CmdInProgress).isZero();
        b.cmd(DownStall);
        assertThat(b.status() & CmdInProgress).isEqualTo(CmdInProgress);
        b.ctx.run(Vortex.STALL_NANOS);
        assertThat(b.status() & CmdInProgress).isZero();
        b.cmd(TotalReset);
        b.ctx.run(Vortex.TOTAL_RESET_NANOS - 1);
        assertThat(b.status() & CmdInProgress).as("TotalReset takes 1 ms").isEqualTo(CmdInProgress);
        b.ctx.run(1);
        assertThat(b.status() & CmdInProgress).isZero();
        b.cmd(SelectWindow + 3);
        assertThat(b.status() & CmdInProgress).as("SelectWindow does not wait").isZero();
    }

    @Test
    void aStuckCommandNeverClearsCmdInProgressUntilTheKnobIsOff() {
        VortexBench b = VortexBench.vortex();
        b.nic.stickCommands(true);
        b.cmd(RxReset | 4);
        b.ctx.run(1_000_000_000L);
        assertThat(b.status() & CmdInProgress).as("a second of virtual time later, still busy").isEqualTo(CmdInProgress);
        b.cmd(TotalReset);
        b.ctx.run(10_000_000);
        assertThat(b.status() & CmdInProgress).as("even a reset sticks").isEqualTo(CmdInProgress);
        b.nic.stickCommands(false);
        assertThat(b.status() & CmdInProgress).isZero();
    }

    @Test
    void totalResetReturnsTheCardToPowerOnState() {
        VortexBench b = VortexBench.tornado();
        b.up(0x7EC6, 0x76CF);
        b.select(2);
        b.w8(0, 0x02);
        b.select(6);
        b.cmd(FakeIntr);
        assertThat(b.status() & (IntLatch | IntReq)).isEqualTo(IntLatch | IntReq);
        assertThat(b.ctx.intx).isTrue();
        b.cmd(TotalReset | 0xFF);
        assertThat(b.status() & 0xE7FF).as("window 0, no causes, no latch").isZero();
        assertThat(b.ctx.intx).as("pin deasserted").isFalse();
        assertThat(b.wr16(5, Wn5_IntrEnable)).isZero();
        assertThat(b.wr8(2, 0)).as("station address reloaded from the EEPROM").isZero();
        b.offer(VortexBench.frame(VortexBench.MAC, 64));
        assertThat(b.nic.filteredTotal()).as("receiver off after reset").isEqualTo(1);
    }

    @Test
    void unknownCommandCodesAreLoggedAndIgnored() {
        VortexBench b = VortexBench.vortex();
        b.cmd(7 << 11);
        b.cmd(30 << 11 | 5);
        assertThat(b.ctx.log).hasSize(2).allSatisfy(l -> assertThat(l).contains("unknown command"));
        assertThat(b.ctx.log.get(1)).contains("0xf005");
    }
}
