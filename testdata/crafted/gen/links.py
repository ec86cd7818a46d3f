from mkelf import *
import struct
IL=0x40
write('link_oor.o',[Sec('.text',1,A|X,data=b'\x90'),Sec('.x',1,0,data=b'a',link=50)])
write('link_ff00.o',[Sec('.text',1,A|X,data=b'\x90'),Sec('.x',1,0,data=b'a',link=0xff00)])
write('link_ff00_arm.o',[Sec('.text',1,A|X,data=b'\x90'),Sec('.x',1,0,data=b'a',link=0xff00)],machine=183)
write('info_oor_il.o',[Sec('.text',1,A|X,data=b'\x90'),Sec('.x',1,IL,data=b'a',info=50)])
write('info_oor.o',[Sec('.text',1,A|X,data=b'\x90'),Sec('.x',1,0,data=b'a',info=50)])
write('dyn_link0.so',[Sec('.dynamic',6,A|W,data=b'\0'*16,entsize=16,link=0)],etype=3)
write('dyn_linkff00.so',[Sec('.dynamic',6,A|W,data=b'\0'*16,entsize=16,link=0xff00)],etype=3)
write('strtab_selflink.o',[Sec('.text',1,A|X,data=b'\x90'),Sec('.mystr',3,0,data=b'\0a\0',link=2)])
grp=lambda *ix: struct.pack('<'+'I'*len(ix),*ix)
G=0x200
write('grp_ok.o',[Sec('.group',17,0,data=grp(1,2),entsize=4,align=4),Sec('.text.f',1,A|X|G,data=b'\x90')])
write('grp_nocomdat.o',[Sec('.group',17,0,data=grp(0,2),entsize=4,align=4),Sec('.text.f',1,A|X|G,data=b'\x90')])
write('grp_after.o',[Sec('.text.f',1,A|X|G,data=b'\x90'),Sec('.text',1,A|X,data=b'\x90'),Sec('.group',17,0,data=grp(1,1),entsize=4,align=4)])
write('grp_noflag.o',[Sec('.group',17,0,data=grp(1,2),entsize=4,align=4),Sec('.text.f',1,A|X,data=b'\x90')])
write('grp_empty.o',[Sec('.group',17,0,data=grp(1),entsize=4,align=4),Sec('.text',1,A|X,data=b'\x90')])
write('grp_badent.o',[Sec('.group',17,0,data=grp(1,2),entsize=8,align=4),Sec('.text.f',1,A|X|G,data=b'\x90')])
write('grp_member_nogroup.o',[Sec('.text',1,A|X,data=b'\x90'),Sec('.text.f',1,A|X|G,data=b'\x90')])
write('grp_linkonce.o',[Sec('.group',17,0,data=grp(1,2),entsize=4,align=4),Sec('.gnu.linkonce.t.f',1,A|X|G,data=b'\x90'),Sec('.gnu.linkonce.t.g',1,A|X,data=b'\x90')])
write('grp_relmember.o',[Sec('.group',17,0,data=grp(1,2,3),entsize=4,align=4),Sec('.text.f',1,A|X|G,data=b'\x90'),Sec('.rela.text.f',4,G|IL,data=b'',entsize=24,link=0,info=2)])
write('grp_unkmember.o',[Sec('.group',17,0,data=grp(1,2,3),entsize=4,align=4),Sec('.text.f',1,A|X|G,data=b'\x90'),Sec('.shl',10,G,data=b'')])
